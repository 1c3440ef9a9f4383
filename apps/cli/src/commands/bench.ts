import { Command } from 'commander';

/**
 * `./highland bench …`: benchmarks, not tests. The bench package (servers, services, load
 * generators) loads only when a benchmark runs, so every other command starts fast.
 */
export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'benchmarks (not tests): backbone, registry, reporting, tbt, incentives, zones — `bench <name> --help` for options',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { benchCommand: real } = await import('@highland/bench');
      await real().parseAsync(['node', 'bench', ...args]);
    });
}
