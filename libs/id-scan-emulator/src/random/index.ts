export * from './random-source.interface';
export * from './random-source.util';
export * from './random.service';
export * from './crypto-random-source.util';
