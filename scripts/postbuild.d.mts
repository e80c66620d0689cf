export interface HtmlFix {
  name: string;
  pattern: RegExp;
  replacement: string;
  applied: RegExp;
}
export const FIXES: HtmlFix[];
export function applyFixes(root: string, fixes?: HtmlFix[]): Promise<{pages: number; written: number; matched: Map<string, number>}>;
