export * from './rendering.interface';
