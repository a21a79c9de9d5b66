// screener's page script: drop a file, show a loading state while grading, jump to a quote and flash it.
// Loaded from /static (the Content-Security-Policy forbids inline script).
"use strict";

function setupForm() {
  const form = document.getElementById("grade-form");
  if (!form) return;
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file");
  const fileName = document.getElementById("file-name");
  const showFile = () => {
    if (input.files && input.files.length) {
      fileName.textContent = "Will grade the file " + input.files[0].name + " (instead of any pasted text).";
    }
  };
  input.addEventListener("change", showFile);
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (e) => {
    e.preventDefault();
    zone.classList.add("dragover");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("dragover")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showFile();
    }
  });
  form.addEventListener("submit", () => {
    const grader = document.getElementById("grader");
    const option = grader.options[grader.selectedIndex];
    const slow = option && option.dataset.slow === "yes";
    document.getElementById("loading-text").textContent = slow
      ? "Grading with " + option.textContent + "… an LLM can take a minute. Keep this tab open."
      : "Grading…";
    document.getElementById("loading").hidden = false;
    // No double submits while grading (the form data is already being sent: the button has no name).
    document.getElementById("grade-button").disabled = true;
    form.setAttribute("aria-busy", "true");
  });
  // Coming back with the browser's back button: clear the loading state.
  window.addEventListener("pageshow", () => {
    document.getElementById("loading").hidden = true;
    document.getElementById("grade-button").disabled = false;
    form.removeAttribute("aria-busy");
  });
}

function flash(mark) {
  mark.classList.remove("flash");
  void mark.offsetWidth; // restart the animation
  mark.classList.add("flash");
  mark.addEventListener("animationend", () => mark.classList.remove("flash"), { once: true });
}

function setupQuotes() {
  // A highlight in the transcript: jump to the competency (or claim) whose quote it is.
  document.addEventListener("click", (e) => {
    const mark = e.target.closest && e.target.closest("#transcript mark");
    if (!mark) return;
    const link = document.querySelector('a.quote-link[data-target="' + mark.id + '"]');
    if (!link) return;
    const card = link.closest("article, tr") || link;
    link.scrollIntoView({ behavior: "auto", block: "center" });
    link.focus({ preventScroll: true });
    flash(card);
  });
  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest("a.quote-link");
    if (!link) return;
    const mark = document.getElementById(link.dataset.target);
    if (!mark) return;
    e.preventDefault();
    mark.scrollIntoView({ behavior: "auto", block: "center" });
    mark.focus({ preventScroll: true });
    flash(mark);
    history.replaceState(null, "", "#" + mark.id);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupForm();
  setupQuotes();
});

// A grading job in progress: poll its status, show the stage, load the scorecard when it is done.
function setupJob() {
  const job = document.getElementById("job");
  if (!job || !["queued", "grading"].includes(job.dataset.state)) return;
  const poll = async () => {
    let status;
    try {
      const response = await fetch(job.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" });
      status = await response.json();
    } catch (e) {
      setTimeout(poll, 2000);
      return;
    }
    if (status.state === "done" || status.state === "failed" || status.state === "gone") {
      window.location.reload();
      return;
    }
    const stage = document.getElementById("job-stage");
    const seconds = document.getElementById("job-seconds");
    if (stage) stage.textContent = status.stage;
    if (seconds) seconds.textContent = status.seconds;
    setTimeout(poll, 500);
  };
  setTimeout(poll, 300);
}

document.addEventListener("DOMContentLoaded", setupJob);
