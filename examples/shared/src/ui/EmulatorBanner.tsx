/** Says plainly that nothing is being transformed: the local emulator sends the camera back as it is. */
export function EmulatorBanner() {
  return (
    <aside className="banner" data-testid="emulator-banner">
      <strong>Running on the local emulator.</strong> No <code>DECART_API_KEY</code> is set, so the result is your
      camera echoed back, not transformed. Set the key and restart to use Decart. The emulator's video stays on
      127.0.0.1: start Chrome with <code>--allow-loopback-in-peer-connection</code>.
    </aside>
  );
}
