// diplograph report page: ties each fact in the side list to its marks in the text.
"use strict";

(function () {
  const text = document.getElementById("report-text");
  if (!text) return;

  for (const box of document.querySelectorAll("#legend input[data-toggle]")) {
    box.addEventListener("change", () => text.classList.toggle(`hide-${box.dataset.toggle}`, !box.checked));
  }

  function marks(fact) {
    return [...text.querySelectorAll("mark.hl")].filter((m) => m.dataset.fact === fact);
  }

  function activate(fact, scroll) {
    for (const m of text.querySelectorAll("mark.hl.active")) m.classList.remove("active");
    for (const li of document.querySelectorAll("li.fact.active")) li.classList.remove("active");
    if (!fact) return;
    const found = marks(fact);
    for (const m of found) m.classList.add("active");
    const item = [...document.querySelectorAll("li.fact")].find((li) => li.dataset.fact === fact);
    if (item) {
      item.classList.add("active");
      if (scroll) item.scrollIntoView({ block: "nearest" });
    }
  }

  for (const li of document.querySelectorAll("li.fact")) {
    li.addEventListener("mouseenter", () => activate(li.dataset.fact, false));
  }
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark) activate(mark.dataset.fact, true);
  });

  function fromHash() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target && target.matches("mark.hl")) {
      activate(target.dataset.fact, true);
      target.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
