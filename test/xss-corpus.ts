/**
 * Hostile strings every new text field is tried with: script tags, event handlers, dangerous URL schemes,
 * broken markup meant to escape an attribute, and Markdown that hides the same things.
 */
export const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '[click](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '<details open ontoggle=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr<script>ipt>alert(1)</script>',
] as const;

/** Whether HTML could run script or load anything: a tag with any attribute, or a script-capable tag. */
export function isDangerousHtml(html: string): boolean {
  return (html.match(/<[^>]*>/g) ?? []).some(
    (tag) =>
      /^<\/?(script|iframe|svg|math|style|img|object|embed|form|details|noscript|a|base|link|meta)\b/i.test(
        tag,
      ) || /^<[a-z0-9]+\s+\S/i.test(tag),
  );
}
