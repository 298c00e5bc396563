import { warmUpRendering } from './warm-up.util';

describe('warmUpRendering', () => {
  it('asks for a turn before every step and renders one of everything', async () => {
    let turns = 0;
    await warmUpRendering(() => {
      turns += 1;
      return Promise.resolve(true);
    });
    // Fonts twice, the overprint, four templates, then a document, a portrait, a selfie and a report.
    expect(turns).toBe(11);
  });

  it('stops at the first turn it is refused', async () => {
    const answers = [true, false, true];
    let turns = 0;
    await warmUpRendering(() => Promise.resolve(answers[turns++] ?? true));
    expect(turns).toBe(2);
  });
});
