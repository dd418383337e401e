export * from './catalogue';
export * from './enums';
export * from './event';
export * from './kvlist';
export * from './models';
