// Presenter screen: a button that puts the page into full-screen mode (where the browser allows it).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-fullscreen]");
  if (!button || !document.documentElement.requestFullscreen) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  });
});
