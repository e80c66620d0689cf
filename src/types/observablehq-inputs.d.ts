// @observablehq/inputs ships no types: the components that build Observable inputs use it untyped.
declare module "@observablehq/inputs";
