import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { StarRatingInput } from "./star-rating-input";

function Harness({ initial = null }: { initial?: number | null }) {
  const [value, setValue] = useState<number | null>(initial);
  return (
    <>
      <StarRatingInput value={value} onChange={setValue} label="My rating" />
      <output data-testid="value">{value === null ? "none" : String(value)}</output>
    </>
  );
}

describe("star rating input", () => {
  it("moves in half stars with the keyboard, from not rated to 5 and back", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const slider = screen.getByRole("slider", { name: "My rating" });
    expect(slider).toHaveAttribute("aria-valuetext", "Not rated");
    expect(slider).not.toHaveAttribute("aria-valuenow");

    slider.focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByTestId("value")).toHaveTextContent("0.5");
    await user.keyboard("{ArrowRight}{ArrowUp}{ArrowRight}");
    expect(slider).toHaveAttribute("aria-valuenow", "2");
    expect(slider).toHaveAttribute("aria-valuetext", "2 out of 5 stars");
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByTestId("value")).toHaveTextContent("1.5");
    await user.keyboard("{End}");
    expect(screen.getByTestId("value")).toHaveTextContent("5");
    await user.keyboard("{ArrowRight}");
    expect(screen.getByTestId("value")).toHaveTextContent("5");
    await user.keyboard("{Home}");
    expect(screen.getByTestId("value")).toHaveTextContent("0.5");
    // Below half a star is "not rated", which is not a rating of zero.
    await user.keyboard("{ArrowDown}");
    expect(screen.getByTestId("value")).toHaveTextContent("none");
    await user.keyboard("4");
    expect(screen.getByTestId("value")).toHaveTextContent("4");
    await user.keyboard("{Backspace}");
    expect(screen.getByTestId("value")).toHaveTextContent("none");
  });

  it("takes a whole star by click and clears with the button", async () => {
    const user = userEvent.setup();
    render(<Harness initial={2.5} />);
    expect(screen.getByRole("slider")).toHaveAttribute("aria-valuetext", "2.5 out of 5 stars");
    await user.click(screen.getByTestId("star-4"));
    expect(screen.getByTestId("value")).toHaveTextContent("4");
    await user.click(screen.getByRole("button", { name: "Clear rating" }));
    expect(screen.getByTestId("value")).toHaveTextContent("none");
    expect(screen.queryByRole("button", { name: "Clear rating" })).not.toBeInTheDocument();
  });
});
