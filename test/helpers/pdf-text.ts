// The text drawn in a PDF made with standard fonts: content streams are inflated and the
// strings of each text-showing operator joined, so a test can read what a person sees.
import { inflateSync } from "node:zlib";

export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const texts: string[] = [];
  const streams = /<<([^]*?)>>\s*stream\r?\n([^]*?)\r?\nendstream/g;
  for (const [, dictionary, body] of source.matchAll(streams)) {
    let content = Buffer.from(body!, "latin1");
    if (/FlateDecode/.test(dictionary!)) {
      try {
        content = inflateSync(content);
      } catch {
        continue;
      }
    }
    for (const [, array] of content.toString("latin1").matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const parts = [...array!.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)];
      texts.push(parts.map((p) => (p[1] !== undefined ? Buffer.from(p[1], "hex").toString("latin1") : p[2]!)).join(""));
    }
  }
  return texts.join("\n");
}
