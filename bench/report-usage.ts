// The usage report (report-usage.mjs), for benchmarks that preload `./bench/report-usage.ts` through tsx.
import './report-usage.mjs';
