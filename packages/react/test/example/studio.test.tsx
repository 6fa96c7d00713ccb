// The worked example from the README ("Testing your component"): a user's component tested with
// @decart-kit/react/testing only — no network, no camera, no Decart key. It runs in CI with the package's tests.
import { act, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, expect, it } from "vitest";
import { RealtimeVideo, useDecartRealtime } from "../../src/index";
import { createTestSdk, fakeToken, installFakeMedia } from "../../src/testing/index";

// The component under test, as an app would write it.
function Studio({ sdk }: { sdk: ReturnType<typeof createTestSdk>["sdk"] }) {
  const { status, remoteStream, error, setPrompt } = useDecartRealtime({
    model: "lucy-2.1",
    token: fakeToken(),
    sdk,
    reconnect: { attempts: 2, baseDelayMs: 50 },
  });
  return (
    <div>
      <p>status: {status}</p>
      {error && <p role="alert">{error.code}</p>}
      <button type="button" onClick={() => setPrompt("anime")}>
        Anime
      </button>
      <RealtimeVideo stream={remoteStream} data-testid="output" />
    </div>
  );
}

let fake: ReturnType<typeof createTestSdk>;
beforeEach(() => {
  installFakeMedia();
  fake = createTestSdk();
});

it("connects, sends the prompt the user picks, and says so when the session drops for good", async () => {
  render(<Studio sdk={fake.sdk} />);
  await waitFor(() => expect(screen.getByText("status: connected")).toBeTruthy());
  expect((screen.getByTestId("output") as HTMLVideoElement).srcObject).not.toBeNull();

  act(() => screen.getByText("Anime").click());
  const [session] = fake.backend.openSessions;
  await waitFor(() => expect(session?.prompts).toEqual(["anime"]));

  // The server refuses every new session from now on: the hook retries, then reports.
  fake.backend.checkToken = () => "401 invalid api key";
  act(() => fake.backend.drop(session!));
  await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("token_expired"));
});
