import type { CommentSpec } from "../../../sheet/spec";
import { attributes, MAIN_NS, XML_HEADER, xmlText } from "./xml";

/** The path of the comments part of the n-th worksheet (1-based): one per sheet that has comments. */
export function commentsPath(n: number): string {
  return `xl/comments${n}.xml`;
}

/** xl/commentsN.xml: each comment's author and text (what Excel, WPS and LibreOffice read as the note). */
export function commentsXml(comments: readonly CommentSpec[]): string {
  const authors = [...new Set(comments.map((c) => c.author))];
  const list = comments.map(
    (c) =>
      `<comment${attributes({ ref: c.ref, authorId: authors.indexOf(c.author) })}>` +
      // A run in the notes' usual look: 9 pt 宋体, charset 134 (GB2312) so WPS picks a Chinese font.
      `<text><r><rPr><sz val="9"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>` +
      `<t xml:space="preserve">${xmlText(c.text)}</t></r></text></comment>`
  );
  return (
    `${XML_HEADER}<comments ${MAIN_NS}>` +
    `<authors>${authors.map((a) => `<author>${xmlText(a)}</author>`).join("")}</authors>` +
    `<commentList>${list.join("")}</commentList></comments>`
  );
}
