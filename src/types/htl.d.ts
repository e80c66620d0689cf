// Types for htl (Observable's hypertext literal), which ships none: html`` builds an element (or a fragment
// when the template has several top-level nodes); interpolated values may be nodes, strings, numbers, arrays of
// them, or null/undefined/false (rendered as nothing).
declare module "htl" {
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}
