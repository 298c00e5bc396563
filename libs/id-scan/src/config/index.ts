export { idScanConfig } from './id-scan.config';
