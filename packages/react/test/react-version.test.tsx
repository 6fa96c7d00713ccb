import { render } from "@testing-library/react";
import { version as reactVersion } from "react";
import { version as reactDomVersion } from "react-dom";
import { expect, it } from "vitest";

it("runs against the React major this project is for, one copy of it", () => {
  const major = process.env.EXPECTED_REACT_MAJOR;
  expect(reactVersion.split(".")[0]).toBe(major);
  expect(reactDomVersion.split(".")[0]).toBe(major);
  // @testing-library/react renders through the same React: hooks would throw with two copies.
  const { container } = render(<p>{reactVersion}</p>);
  expect(container.textContent).toBe(reactVersion);
});
