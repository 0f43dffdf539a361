import { Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { Answers, BodySchema, PathParam, type RefusalStatus, type Refusals, Refuses } from '../http/contract/contract';
import { fiscalYearOf } from '../request/request-context';
import { type CommandInput, Input } from './command-input';

type Refusal = RefusalStatus | Refusals;

/** The contract of a year's settings: what `GET` answers and `PUT` takes, each route's summary and refusals. */
export interface YearSettingsContract {
  /** The example of `{year}` in the document. */
  exampleYear: number;
  view: TSchema;
  request: TSchema;
  read: { summary: string; refuses: readonly Refusal[] };
  change: { summary: string; refuses: readonly Refusal[] };
}

/**
 * The two routes of settings kept per fiscal year (`GET` and `PUT` on `…/:year`): the controller that extends them
 * (with its own `@ApiController`) says what the settings are (`settingsOf`) and how a body changes them
 * (`changeSettings`, which reads the body and answers the settings with `changed` and the stream `version`); the
 * answer of both starts with the `fiscalYear` of the path, and a change sends its version as ETag.
 */
export const YearSettingsRoutes = (contract: YearSettingsContract) => {
  abstract class Routes {
    abstract settingsOf(fiscalYear: number): Promise<object>;
    abstract changeSettings(fiscalYear: number, input: CommandInput): Promise<{ version: number }>;

    @Get()
    @ApiOperation({ summary: contract.read.summary })
    @PathParam('year', '预算年度', contract.exampleYear)
    @Answers(contract.view)
    @Refuses(...contract.read.refuses)
    async read(@Param('year') year: string) {
      const fiscalYear = fiscalYearOf(year);
      return { fiscalYear, ...(await this.settingsOf(fiscalYear)) };
    }

    @Put()
    @ApiOperation({ summary: contract.change.summary })
    @PathParam('year', '预算年度', contract.exampleYear)
    @BodySchema(contract.request)
    @Answers(contract.view)
    @Refuses(...contract.change.refuses)
    async change(@Input() input: CommandInput) {
      const fiscalYear = fiscalYearOf(input.params.year);
      return input.answer({ fiscalYear, ...(await this.changeSettings(fiscalYear, input)) });
    }
  }
  return Routes;
};
