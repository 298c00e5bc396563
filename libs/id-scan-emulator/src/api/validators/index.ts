export * from './is-age-range.validator';
export * from './is-allowed-url.validator';
export * from './is-header-map.validator';
export * from './is-omittable.validator';
export * from './is-snake-case-name.validator';
export * from './is-task-combination.validator';
