import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested, validate } from 'class-validator';
import { flattenValidationErrors } from './flatten-validation-errors.util';

class Inner {
  @IsInt()
  @Max(10)
  level!: unknown;
}

class Outer {
  @IsString()
  name!: unknown;

  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

describe('flattenValidationErrors', () => {
  it('lists every broken rule with its dotted path and never the rejected value', async () => {
    const outer = Object.assign(new Outer(), {
      name: 42,
      inner: Object.assign(new Inner(), { level: 'secret-ish 99' }),
    });
    const problems = flattenValidationErrors(await validate(outer));
    expect(problems.map((p) => p.property)).toEqual(['name', 'inner.level']);
    expect(problems[0].constraints).toEqual(['name must be a string']);
    expect([...problems[1].constraints].sort()).toEqual([
      'level must be an integer number',
      'level must not be greater than 10',
    ]);
    expect(JSON.stringify(problems)).not.toContain('secret-ish');
  });

  it('gives nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual([]);
  });
});
