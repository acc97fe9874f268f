/** pdfkit's standard-font metrics modules (public exports of pdfkit ≥ 0.20), which @types/pdfkit does not declare. */
declare module 'pdfkit/standard-fonts/*' {
  const data: {
    name: string;
    glyphNames: string;
    glyphWidths: number[];
    kernPairs: Array<number | number[]>;
  };
  export default data;
}
