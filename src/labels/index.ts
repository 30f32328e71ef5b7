/** Label PDFs: download, merge per box, packing slips. */
export { buildLabelPdf, type BuildLabelInput, type LabelBox, type PackslipInfo } from './build-label-pdf.js';
export { fetchPdf, looksLikePdf, DEFAULT_LABEL_MAX_BYTES, DEFAULT_LABEL_TIMEOUT_MS, type FetchPdfOptions } from './fetch-pdf.js';
export { LabelFetchError, LabelPdfError, type LabelFetchReason } from './errors.js';
export { addPackingSlipPage } from './packing-slip.js';
export { layoutPackingSlip, A6_PORTRAIT, type PackingSlipData, type SlipLayout } from './slip-layout.js';
export { pickLabelPages, type LabelPageSource } from './label-pages.js';
export { formatRupees } from './money.js';
