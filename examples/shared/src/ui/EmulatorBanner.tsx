/** Says plainly that nothing is being transformed: the local emulator sends the camera back as it is. */
export function EmulatorBanner() {
  return (
    <aside className="banner" data-testid="emulator-banner">
      <strong>Local emulator.</strong> No <code>DECART_API_KEY</code> is set, so sessions run on the built-in emulator,
      which echoes your camera back instead of transforming it. Set the key and restart to use Decart.
    </aside>
  );
}
