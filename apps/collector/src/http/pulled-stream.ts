/**
 * A response body read from an async generator only as the client takes it (no queue ahead of
 * the reader): a slow client pauses the generator, a client that goes away ends it (return()),
 * and an error in it errors the body, so the answer is broken off instead of ending as if whole.
 */
export function pulledStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
