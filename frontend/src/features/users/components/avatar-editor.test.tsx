import { fireEvent, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { useEffect } from "react";
import { describe, expect, it, vi } from "vitest";

import { API, describedText, signedInAs, testAccount } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

// jsdom loads no images, so the cropper stands in for the real one: once "loaded" it reports
// the square the reader chose, in the image's pixels, as react-easy-crop does.
vi.mock("react-easy-crop", () => ({
  default: function FakeCropper(props: {
    onCropComplete: (area: unknown, pixels: unknown) => void;
    onMediaLoaded: (size: unknown) => void;
  }) {
    useEffect(() => {
      props.onMediaLoaded({ width: 300, height: 200, naturalWidth: 600, naturalHeight: 400 });
      props.onCropComplete({ x: 10, y: 5, width: 50, height: 75 }, { x: 120.4, y: 30.6, width: 300.2, height: 300.2 });
      // Once, like the real cropper after the image loads.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);
    return <div data-testid="fake-cropper" />;
  },
}));

const png = () => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "me.png", { type: "image/png" });

describe("avatar editor", () => {
  it("uploads the chosen image with the cropped square, and shows a preview first", async () => {
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:avatar");
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const uploads: FormData[] = [];
    const withAvatar = {
      ...testAccount,
      profile: { ...testAccount.profile, avatar: { small: "/media/a-64.webp", large: "/media/a-256.webp" } },
    };
    server.use(
      ...signedInAs(),
      http.put(`${API}/auth/me/avatar/`, async ({ request }) => {
        uploads.push(await request.formData());
        return HttpResponse.json(withAvatar);
      }),
    );
    const { user } = renderApp("/settings/profile");
    await user.upload(await screen.findByLabelText("Choose an image"), png());

    expect(await screen.findByTestId("fake-cropper")).toBeInTheDocument();
    const preview = screen.getByAltText("Preview");
    // 96 px preview of a 300 px square: the 600x400 image at 0.32, shifted by the crop origin.
    expect(preview).toHaveStyle({ width: "192px", height: "128px", left: "-38.4px", top: "-9.92px" });

    await user.click(screen.getByRole("button", { name: "Save picture" }));
    await waitFor(() => expect(uploads).toHaveLength(1));
    const sent = uploads[0]!;
    expect(sent.get("crop_x")).toBe("120");
    expect(sent.get("crop_y")).toBe("31");
    expect(sent.get("crop_size")).toBe("300");
    expect(sent.get("avatar")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("fake-cropper")).not.toBeInTheDocument());
    expect(screen.getAllByTestId("user-avatar-image")[0]).toHaveAttribute("src", "/media/a-256.webp");
  });

  it("shows why the server refused the image beside the file field", async () => {
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:avatar");
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    server.use(
      ...signedInAs(),
      http.put(`${API}/auth/me/avatar/`, () =>
        HttpResponse.json({ avatar: ["The file is not a JPEG, PNG or WebP image."] }, { status: 400 }),
      ),
    );
    const { user } = renderApp("/settings/profile");
    await user.upload(await screen.findByLabelText("Choose an image"), png());
    await user.click(await screen.findByRole("button", { name: "Save picture" }));

    await waitFor(() =>
      expect(describedText(screen.getByLabelText("Choose an image"))).toBe("The file is not a JPEG, PNG or WebP image."),
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("refuses other file types and files over 5 MB before uploading", async () => {
    let uploads = 0;
    server.use(
      ...signedInAs(),
      http.put(`${API}/auth/me/avatar/`, () => {
        uploads += 1;
        return HttpResponse.json(testAccount);
      }),
    );
    const { user } = renderApp("/settings/profile");
    const input = await screen.findByLabelText("Choose an image");
    const huge = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "huge.png", { type: "image/png" });
    await user.upload(input, huge);
    expect(describedText(input)).toBe("The image is larger than 5 MB.");

    // The picker's accept= hides other types; a drop or "all files" still lets them through.
    fireEvent.change(input, { target: { files: [new File(["GIF89a"], "me.gif", { type: "image/gif" })] } });
    expect(describedText(input)).toBe("Choose a JPEG, PNG or WebP image.");
    expect(screen.queryByRole("button", { name: "Save picture" })).not.toBeInTheDocument();
    expect(uploads).toBe(0);
  });
});
