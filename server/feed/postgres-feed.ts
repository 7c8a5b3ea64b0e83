/**
 * The change feed of one process among several on one PostgreSQL database.
 *
 * A route commits its events without a position and kicks the sequencer, which numbers
 * every committed, unnumbered event and reads the feed past the last position it
 * delivered, in one round trip (repositories/events.ts: `sequenceAndRead`), hands those
 * events, in order, to this process's live streams, and notifies all processes. Each
 * process listens on a connection of its own and, on a notification of a position it
 * has not delivered, reads the feed past the last position it delivered. So every
 * process delivers every event, once, in one order, whichever process wrote it.
 *
 * Safety nets, each cheap: a timer numbers events a process committed but could not
 * number (killed between commit and sequencing, or written by the `users` command), and
 * a slower poll reads the feed in case a notification was lost while reconnecting.
 */
import pg from 'pg';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import {
  type ChangeEvent,
  currentSchema,
  FEED_CHANNEL,
  type FeedEvent,
  feedAfter,
  hasUnsequencedEvents,
  latestPosition,
  parseFeedNotification,
  sequenceAndRead,
} from '../repositories/events';
import { Coalesced } from './coalesced';

const READ_PAGE = 500;
/** How often a process looks for committed events no one has numbered. */
const SEQUENCE_CHECK_MS = 1_000;
/** Reads without a notification: a safety net while listening, the only way without. */
const POLL_LISTENING_MS = 2_000;
const POLL_ALONE_MS = 250;
const RECONNECT_MS = 1_000;
/**
 * Rounds kicked by writes begin at most this often: under load one round then numbers
 * the events of many writes, so its transaction, commit (a WAL flush) and statements are
 * shared by them. Writes do not wait for the round, and streams send at most every 50 ms;
 * a stream that opens (`sync`) and `stop` do not wait.
 */
export const ROUND_SPACING_MS = 20;

export interface FeedLog {
  warn(details: object, message: string): void;
}

export interface PostgresFeedOptions {
  /** The database's URL, for the LISTEN connection; without it the feed polls. */
  readonly listenUrl?: string;
  readonly log?: FeedLog;
  /** How often rounds kicked by writes may begin (`ROUND_SPACING_MS`). */
  readonly roundSpacingMs?: number;
  /** Told as each sequencing round begins (tests count rounds). */
  readonly onRound?: () => void;
}

export class PostgresFeed {
  private schema = '';
  private lastDelivered = 0;
  private stopped = false;
  private client: pg.Client | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private retry: NodeJS.Timeout | undefined;
  private readonly sequencer: Coalesced;
  private readonly reader = new Coalesced(() => this.read());

  constructor(
    private readonly db: Kysely<Database>,
    /** Events in feed order, with the row id each was written with (`recordEvent`). */
    private readonly deliver: (events: ChangeEvent[], rowIds: number[]) => void,
    private readonly options: PostgresFeedOptions = {},
  ) {
    this.sequencer = new Coalesced(
      () => this.sequence(),
      options.roundSpacingMs ?? ROUND_SPACING_MS,
    );
  }

  /** Delivers what is numbered from now on; the streams catch up on the past themselves. */
  async start(): Promise<void> {
    this.schema = await currentSchema(this.db);
    this.lastDelivered = await latestPosition(this.db);
    if (this.options.listenUrl !== undefined) {
      await this.listen(this.options.listenUrl);
    }
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(SEQUENCE_CHECK_MS, () => void this.sequenceIfNeeded());
    every(this.options.listenUrl !== undefined ? POLL_LISTENING_MS : POLL_ALONE_MS, () => {
      void this.reader.run();
    });
  }

  /**
   * After a commit that wrote events: number them, in a round shared with the other
   * commits of the next few milliseconds (`ROUND_SPACING_MS`). Settles once a round that
   * began after this call has numbered them and delivered them here.
   */
  kick(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    return this.sequencer.soon();
  }

  /**
   * As `kick`, at once: settles once every event committed before this call is numbered
   * and delivered here (a stream that opens must be past them).
   */
  sync(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    return this.sequencer.run();
  }

  /** Reads and delivers what is new now (also what a notification triggers). */
  catchUp(): Promise<void> {
    return this.reader.run();
  }

  /** Stops listening and polling; numbers this process's last commits first. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    await this.sequencer.run();
    this.stopped = true;
    this.timers.splice(0).forEach(clearInterval);
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await Promise.all([this.sequencer.idle(), this.reader.idle()]);
  }

  /**
   * One round, which also reads what it (and any earlier round) numbered, and delivers
   * it. The round settles only once that has been delivered, so `sync()` (a stream that
   * opens) is past every event committed before it. Writes do not wait for it: their
   * caches hear of them at commit (plugins/changes.ts). The round reads even when it
   * numbered nothing: another process's round may have numbered ours.
   */
  private async sequence(): Promise<void> {
    this.options.onRound?.();
    let full = true;
    try {
      const page = await sequenceAndRead(this.db, this.lastDelivered, READ_PAGE);
      this.deliverPage(page);
      full = page.length === READ_PAGE;
    } catch (error) {
      // The events stay unnumbered; the next kick or the timer numbers them.
      this.warn(error, 'change feed: sequencing failed');
    }
    if (full) {
      await this.reader.run();
    }
  }

  /**
   * Hands on, in order, the events of a page past the last delivered position. Pages
   * are prefixes of the feed past the position they were read from (repositories/
   * events.ts), so what another read delivered meanwhile is simply skipped.
   */
  private deliverPage(page: readonly FeedEvent[]): void {
    const fresh = page.filter((row) => row.event.id > this.lastDelivered);
    if (this.stopped || fresh.length === 0) {
      return;
    }
    this.lastDelivered = fresh[fresh.length - 1].event.id;
    this.deliver(
      fresh.map((row) => row.event),
      fresh.map((row) => row.rowId),
    );
  }

  private async sequenceIfNeeded(): Promise<void> {
    try {
      if (!this.stopped && (await hasUnsequencedEvents(this.db))) {
        await this.sequencer.run();
      }
    } catch (error) {
      this.warn(error, 'change feed: looking for unnumbered events failed');
    }
  }

  private async read(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) {
          return;
        }
        const page = await feedAfter(this.db, this.lastDelivered, READ_PAGE);
        this.deliverPage(page);
        if (page.length < READ_PAGE) {
          return;
        }
      }
    } catch (error) {
      // Nothing delivered is lost: the next read starts from the last delivered position.
      this.warn(error, 'change feed: reading failed');
    }
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== FEED_CHANNEL || message.payload === undefined) {
        return;
      }
      const { schema, position } = parseFeedNotification(message.payload);
      // The process that numbered has delivered what it numbered already.
      if (schema === this.schema && (position === null || position > this.lastDelivered)) {
        void this.reader.run();
      }
    });
    // A lost connection (database restart, network) is replaced; until then the poll reads.
    client.on('error', (error) => this.reconnect(client, url, error));
    client.on('end', () => this.reconnect(client, url, null));
    try {
      await client.connect();
      await client.query(`listen ${FEED_CHANNEL}`);
      // What was numbered while not listening.
      void this.reader.run();
    } catch (error) {
      this.reconnect(client, url, error);
    }
  }

  private reconnect(client: pg.Client, url: string, error: unknown): void {
    if (this.client !== client) {
      return;
    }
    this.client = null;
    if (error) {
      this.warn(error, 'change feed: the LISTEN connection failed; reconnecting');
    }
    client.end().catch(() => undefined);
    if (!this.stopped) {
      this.retry = setTimeout(() => void this.listen(url), RECONNECT_MS);
      this.retry.unref();
    }
  }

  private warn(error: unknown, message: string): void {
    if (!this.stopped) {
      this.options.log?.warn({ err: error }, message);
    }
  }
}
