import { RequestActivityService } from './request-activity.service';

describe('RequestActivityService', () => {
  afterEach(() => jest.useRealTimers());

  it('is idle only with no request in flight and none ended within the quiet period', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const activity = new RequestActivityService();
    expect(activity.isIdle(250)).toBe(true);

    const first = activity.begin();
    const second = activity.begin();
    expect(activity.isIdle(0)).toBe(false);
    first();
    first();
    expect(activity.isIdle(0)).toBe(false);
    second();
    expect(activity.isIdle(0)).toBe(true);
    expect(activity.isIdle(250)).toBe(false);

    jest.advanceTimersByTime(250);
    expect(activity.isIdle(250)).toBe(true);
  });
});
