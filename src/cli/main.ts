#!/usr/bin/env node
/**
 * The `clickpost-connector` bin (and `npm start`). The commands load only after the young
 * generation is held at its initial size (./young-generation.ts): a static import would
 * be read and compiled before any of this file's code runs.
 */
import { holdDuringStart } from './young-generation.js';

holdDuringStart();
await import('./program.js');
