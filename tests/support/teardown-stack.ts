/**
 * What a multi-part test stage has started, undone in reverse order. A start that fails part-way
 * (Chromium missing, a port taken) undoes the parts it did before rethrowing, so no collector,
 * server or temp folder outlives a failed test.
 */
export class TeardownStack {
  private readonly steps: (() => unknown)[] = [];

  defer(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step, newest first, even when one fails; rethrows the first failure. */
  async close(): Promise<void> {
    let failure: unknown;
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** Runs `start`; if it throws, tears down what it had started and rethrows. */
  async build<T>(start: (stack: TeardownStack) => Promise<T>): Promise<T> {
    try {
      return await start(this);
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }
}
