import { Injectable } from '@nestjs/common';

/**
 * Counts the requests the emulator's servers are handling, so that background work (preparing the renderers) runs
 * only while nobody waits for an answer: in a test, the emulator shares its process with the application under test,
 * whose requests must not queue behind it.
 */
@Injectable()
export class RequestActivityService {
  private inFlight = 0;
  private lastEnded = 0;

  /** Marks a request as started; call the returned function once it has ended. */
  begin(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      this.lastEnded = Date.now();
    };
  }

  /** Whether no request is in flight and none has ended within the last `quietMs`. */
  isIdle(quietMs: number): boolean {
    return this.inFlight === 0 && Date.now() - this.lastEnded >= quietMs;
  }
}
