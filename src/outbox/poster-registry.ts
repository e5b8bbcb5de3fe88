// The chat adapters that can post into channels, by address prefix. Each adapter registers
// its poster when it starts; the outbox dispatcher looks one up per message.
import { platformOf, type ChannelPoster } from "../core/channel-poster.ts";

export class PosterRegistry {
  private readonly byPlatform = new Map<string, ChannelPoster>();

  register(poster: ChannelPoster): void {
    this.byPlatform.set(poster.platform, poster);
  }

  /** The poster for a channel address such as slack:T1:C1, if that platform is connected. */
  forChannel(channel: string): ChannelPoster | undefined {
    return this.byPlatform.get(platformOf(channel));
  }

  platforms(): string[] {
    return [...this.byPlatform.keys()];
  }
}
