/** Small, line-based rewrites of the SDP werift produces, where Chrome or livekit-client need something else. */

const EOL = "\r\n";

interface SdpParts {
  session: string[];
  sections: string[][];
}

function splitSdp(sdp: string): SdpParts {
  const lines = sdp.split(/\r?\n/).filter((line) => line.length > 0);
  const session: string[] = [];
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith("m=")) sections.push([line]);
    else if (sections.length > 0) sections[sections.length - 1]!.push(line);
    else session.push(line);
  }
  return { session, sections };
}

function joinSdp({ session, sections }: SdpParts): string {
  return [...session, ...sections.flat()].join(EOL) + EOL;
}

/**
 * werift answers port 0 for sections it has nothing to do with (for example the pre-created receive-only sections
 * livekit-client adds), and Chrome then rejects the whole answer because those sections are bundled. Port 9 (the
 * usual "discard" placeholder under ICE) keeps them bundled and merely inactive.
 */
export function reopenZeroPortSections(sdp: string): string {
  const parts = splitSdp(sdp);
  for (const section of parts.sections) section[0] = section[0]!.replace(/^m=(\w+) 0 /, "m=$1 9 ");
  return joinSdp(parts);
}

/**
 * Labels the media section `mid` with an msid of `<streamId> <trackId>`. livekit-client reads the stream id as
 * `<participantSid>|<trackSid>` to attach an incoming track to a remote participant's publication.
 */
export function setSectionMsid(sdp: string, mid: string, streamId: string, trackId: string): string {
  const parts = splitSdp(sdp);
  const section = parts.sections.find((lines) => lines.includes(`a=mid:${mid}`));
  if (!section) throw new Error(`SDP has no media section with mid ${mid}`);
  const msid = `${streamId} ${trackId}`;
  const rewritten = section
    .filter((line) => !line.startsWith("a=msid:"))
    .map((line) => line.replace(/^(a=ssrc:\d+ msid:).*$/, `$1${msid}`));
  const midIndex = rewritten.indexOf(`a=mid:${mid}`);
  rewritten.splice(midIndex + 1, 0, `a=msid:${msid}`);
  parts.sections[parts.sections.indexOf(section)] = rewritten;
  return joinSdp(parts);
}

/** The `a=mid` of every media section, in order. */
export function sectionMids(sdp: string): string[] {
  return splitSdp(sdp).sections.map((lines) => lines.find((line) => line.startsWith("a=mid:"))?.slice(6) ?? "");
}
