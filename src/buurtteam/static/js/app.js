// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move keyboard focus to swapped results so screen-reader users hear the update.
  const target = event.detail.target;
  if (target && target.dataset.focusOnSwap !== undefined) {
    target.focus();
  }
});
