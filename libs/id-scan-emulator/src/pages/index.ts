export * from './pages.interface';
export * from './page-i18n.constants';
export * from './task-form.constants';
