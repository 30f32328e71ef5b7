/** Plain CSS of the operations page (inline: no build step, no CDN). */
export const OPS_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; background: #f5f6f8; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; line-height: 1.4; }
header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 1rem; }
h1 { font-size: 1.4rem; margin: .5rem 0; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
section { background: #fff; border: 1px solid #d9dde5; border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
.token { font-size: .9rem; }
.token input { width: 16rem; }
.field { display: grid; grid-template-columns: 14rem 1fr; gap: .1rem 1rem; padding: .5rem 0; border-bottom: 1px solid #eef0f4; }
.field > label { font-weight: 600; padding-top: .3rem; }
.field .help, .field .env, .field .field-error { grid-column: 2; margin: .1rem 0; font-size: .85rem; }
.help { color: #505a6b; }
.rule { color: #7a8496; }
.env { color: #8a5a00; }
.req { font-weight: 400; color: #7a8496; font-size: .8rem; }
.field-error { color: #b3261e; font-weight: 600; }
.field-error:empty { display: none; }
.field.invalid input { border-color: #b3261e; background: #fff5f5; }
input[type=text], input[type=password], input[type=number] { padding: .3rem .45rem; border: 1px solid #aab2c0; border-radius: 4px; min-width: 16rem; }
.marker { margin-left: .75rem; padding: .1rem .5rem; border-radius: 999px; background: #eef0f4; font-size: .8rem; }
.inline { margin-left: .75rem; font-size: .85rem; font-weight: 400; }
button { padding: .3rem .8rem; border: 1px solid #3858c8; background: #3f63e0; color: #fff; border-radius: 4px; cursor: pointer; }
button[disabled] { opacity: .45; cursor: default; }
button.secondary { background: #fff; color: #3f63e0; }
.actions { margin-top: .75rem; }
.toolbar { display: flex; align-items: center; gap: .5rem; margin-bottom: .5rem; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #eef0f4; }
th { background: #f0f2f6; }
td ul { margin: 0; padding-left: 1rem; }
.status { font-weight: 600; }
.status-BOOKED { color: #1b7a3a; } .status-FAILED { color: #b3261e; } .status-CANCELLED { color: #7a8496; }
.muted { color: #7a8496; }
.paging { display: flex; align-items: center; gap: .75rem; margin-top: .75rem; }
#tracking pre { background: #f5f6f8; padding: .75rem; overflow: auto; max-height: 24rem; }
code { background: #eef0f4; padding: 0 .25rem; border-radius: 3px; }
`;
