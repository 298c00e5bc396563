export { IsHeaderMap, isHeaderMap } from './is-header-map.validator';
export { IsHttpsUrl, isHttpsUrl, MAX_URL_LENGTH } from './is-https-url.validator';
export { IsNotAbove } from './is-not-above.validator';
export { IsOmittable } from './is-omittable.validator';
export { IsSnakeCase, isSnakeCase } from './is-snake-case.validator';
export {
  ID_SCAN_TASK_COMBINATIONS,
  IsTaskCombination,
  isTaskCombination,
  type IdScanTaskCombination,
} from './is-task-combination.validator';
