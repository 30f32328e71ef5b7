/**
 * Plain CSS of the operations screens (inline: no build step, no CDN). Colours keep a
 * contrast of at least 4.5:1 (axe); every control is at least 40 px tall; below 700 px the
 * tables become one card per row, so a 390 px phone never scrolls sideways.
 */
export const OPS_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; background: #f3f4f7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 0 1rem 3rem; line-height: 1.45; overflow-wrap: anywhere; }
a { color: #1f46b8; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .5rem; z-index: 10; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .75rem 0; border-bottom: 1px solid #d5d9e2; }
.app { font-weight: 700; font-size: 1.05rem; margin-right: auto; }
.mode { margin: 0; padding: .35rem .75rem; border-radius: 999px; font-weight: 700; font-size: .9rem; background: #e9ecf2; color: #1d2330; }
.mode-sandbox { background: #fff1c7; color: #523400; border: 1px solid #c99a1e; }
.mode-live { background: #dff3e5; color: #0b4a1f; border: 1px solid #2f8a4c; }
.mode-custom { background: #e4ebfb; color: #1b347a; border: 1px solid #5575c9; }
.ready { margin: 0; font-size: .9rem; color: #3d4656; }
.ready-bad { color: #9c1c14; font-weight: 700; }
nav.views { display: flex; gap: .25rem; flex-wrap: wrap; width: 100%; }
nav.views a { display: inline-flex; align-items: center; min-height: 40px; padding: 0 .85rem; border-radius: 6px; text-decoration: none; font-weight: 600; }
nav.views a[aria-current="page"] { background: #1f46b8; color: #fff; }
.token { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; width: 100%; font-size: .9rem; }
.banner { width: 100%; margin: 0; padding: .6rem .8rem; border-radius: 6px; background: #fde8e6; color: #7d1710; border: 1px solid #c0392b; font-weight: 600; }
h1 { font-size: 1.45rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
h3 { font-size: 1rem; margin: .8rem 0 .4rem; }
section { background: #fff; border: 1px solid #d5d9e2; border-radius: 8px; padding: 1rem; margin: 1rem 0; min-width: 0; }
button, .button { min-height: 40px; padding: .35rem .9rem; font: inherit; border: 1px solid #1f46b8; background: #1f46b8; color: #fff; border-radius: 6px; cursor: pointer; }
button.secondary { background: #fff; color: #1f46b8; }
button.danger { background: #a3221b; border-color: #a3221b; color: #fff; }
button[disabled] { background: #eceef2; color: #5b6472; border-color: #c3c8d2; cursor: default; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
input[type=text], input[type=password], input[type=number], input[type=search], input[type=date], select { min-height: 40px; padding: .3rem .5rem; font: inherit; border: 1px solid #7d8596; border-radius: 6px; background: #fff; color: #1d2330; width: 100%; max-width: 22rem; }
input[type=checkbox] { width: 1.4rem; height: 1.4rem; margin: 0 .5rem 0 0; }
label.check, span.check { display: inline-flex; align-items: center; min-height: 40px; }
.muted { color: #5b6472; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; }
.counts button { background: #fff; color: #1d2330; border-color: #9aa2b1; }
.counts button[aria-pressed="true"] { background: #1d2330; color: #fff; border-color: #1d2330; }
.counts .n { font-weight: 700; }
.search { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; margin-top: .8rem; }
.search > div { display: flex; flex-direction: column; gap: .2rem; min-width: 0; flex: 1 1 10rem; }
.search .search-actions { flex-direction: row; flex: 0 0 auto; gap: .4rem; }
.message { min-height: 1.4em; margin: .5rem 0; font-weight: 600; }
.message.bad, .row-msg.bad { color: #9c1c14; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #e4e7ed; }
th { background: #eef0f4; }
td ul { margin: 0; padding-left: 1rem; }
.status { font-weight: 700; white-space: nowrap; }
.status-BOOKED { color: #146c2e; } .status-FAILED { color: #9c1c14; } .status-CANCELLED { color: #4a5263; }
.status-QUEUED, .status-CREATING, .status-LABEL_REQUESTED { color: #7a4a00; }
.stuck-marker { display: inline-block; margin-top: .2rem; padding: .1rem .5rem; border-radius: 999px; background: #fde8e6; color: #7d1710; border: 1px solid #c0392b; font-size: .85rem; font-weight: 700; white-space: nowrap; }
tr.stuck-row > td:first-child { box-shadow: inset 4px 0 0 #c0392b; }
section.stuck-notice { background: #fde8e6; color: #5e0f0a; border: 2px solid #c0392b; }
section.stuck-notice h2 { color: #7d1710; }
section.stuck-notice dl.summary dt { color: #5e0f0a; }
.row-actions { display: flex; flex-wrap: wrap; gap: .35rem; }
.row-msg { display: block; font-size: .85rem; margin-top: .25rem; }
.paging { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin-top: .75rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.summary dt { font-weight: 600; color: #3d4656; } dl.summary dd { margin: 0; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-top: .8rem; }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline > li { border-left: 4px solid #9aa2b1; padding: .3rem 0 .6rem .8rem; margin-bottom: .6rem; }
ol.timeline > li.outcome-BOOKED { border-color: #2f8a4c; } ol.timeline > li.outcome-ERROR, ol.timeline > li.outcome-LABEL_TIMEOUT { border-color: #c0392b; }
ol.timeline ul { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .9rem; }
.field { display: grid; grid-template-columns: 14rem minmax(0, 1fr); gap: .1rem 1rem; padding: .6rem 0; border-bottom: 1px solid #eceef2; }
.field > label { font-weight: 600; padding-top: .45rem; }
.field .control { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .75rem; min-width: 0; }
.field .help, .field .env, .field .field-error { grid-column: 2; margin: .1rem 0; font-size: .88rem; }
.help { color: #3d4656; } .rule { color: #4a5263; } .env { color: #6b4200; }
.req { font-weight: 400; color: #4a5263; font-size: .85rem; }
.field-error { color: #9c1c14; font-weight: 700; } .field-error:empty { display: none; }
[aria-invalid="true"] { border-color: #9c1c14 !important; background: #fff5f4 !important; }
.marker { padding: .1rem .55rem; border-radius: 999px; background: #eceef2; font-size: .85rem; }
dialog { border: 1px solid #9aa2b1; border-radius: 8px; padding: 1rem 1.2rem; max-width: min(32rem, calc(100vw - 2rem)); }
dialog::backdrop { background: rgba(20, 24, 33, .45); }
code { background: #eceef2; padding: 0 .25rem; border-radius: 3px; }
@media (max-width: 700px) {
  body { padding: 0 .6rem 2rem; }
  .field { grid-template-columns: minmax(0, 1fr); }
  .field .help, .field .env, .field .field-error { grid-column: 1; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid #d5d9e2; border-radius: 8px; margin-bottom: .6rem; padding: .3rem .5rem; background: #fff; }
  table.cards td { border: 0; padding: .2rem 0; display: grid; grid-template-columns: 7rem minmax(0, 1fr); gap: .5rem; }
  table.cards td::before { content: attr(data-label); font-weight: 600; color: #3d4656; }
  dl.summary { grid-template-columns: minmax(0, 1fr); } dl.summary dd { margin-bottom: .3rem; }
}
`;
