// storydiff: select a finding to bring its evidence into view in every article column.
// No inline script anywhere (the Content-Security-Policy forbids it); everything hangs off data-f.
"use strict";

(function () {
  function layoutOf(el) {
    return el.closest(".story-layout");
  }

  function marksFor(root, key) {
    // key is a finding's index on the page: digits only, safe in a selector
    return root.querySelectorAll('mark.ev[data-f~="' + key + '"]');
  }

  function scrollColumnTo(column, mark) {
    var colBox = column.getBoundingClientRect();
    var markBox = mark.getBoundingClientRect();
    var target = column.scrollTop + (markBox.top - colBox.top) - (column.clientHeight - markBox.height) / 2;
    column.scrollTop = Math.max(0, target);
  }

  function select(layout, key) {
    layout.querySelectorAll(".selected").forEach(function (el) {
      el.classList.remove("selected");
      if (el.matches("button.select")) { el.setAttribute("aria-pressed", "false"); }
    });
    var item = layout.querySelector('li.finding[data-f="' + key + '"]');
    if (item) {
      item.classList.add("selected");
      var details = item.closest("details");
      if (details) { details.open = true; }
      var button = item.querySelector("button.select");
      if (button) { button.classList.add("selected"); button.setAttribute("aria-pressed", "true"); }
    }
    var articles = layout.querySelector(".articles");
    var firstColumn = null;
    layout.querySelectorAll(".article-text").forEach(function (column) {
      var marks = marksFor(column, key);
      marks.forEach(function (m) { m.classList.add("selected"); });
      column.closest(".article").classList.toggle("has-selected", marks.length > 0);
      if (marks.length) {
        scrollColumnTo(column, marks[0]);
        firstColumn = firstColumn || column;
      }
    });
    if (articles && firstColumn) {
      var article = firstColumn.closest(".article");
      var box = articles.getBoundingClientRect();
      var colBox = article.getBoundingClientRect();
      if (colBox.left < box.left || colBox.right > box.right) {
        articles.scrollLeft += colBox.left - box.left;
      }
      if (box.top < 0 || box.top > window.innerHeight / 2) {
        articles.scrollIntoView({ block: "start" });
      }
    }
    return item;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.select[data-f]");
    if (button) {
      var key = button.getAttribute("data-f");
      select(layoutOf(button), key);
      history.replaceState(null, "", "#finding-" + key);
      return;
    }
    var mark = event.target.closest("mark.ev[data-f]");
    if (mark) {
      var first = mark.getAttribute("data-f").split(" ")[0];
      var item = select(layoutOf(mark), first);
      if (item) { item.scrollIntoView({ block: "nearest" }); }
      history.replaceState(null, "", "#finding-" + first);
    }
  });

  // The compare form: "Add another article" clones the last text box instead of reloading.
  var add = document.getElementById("add-article");
  if (add) {
    add.addEventListener("click", function (event) {
      var list = document.getElementById("pasted");
      var boxes = list.querySelectorAll("fieldset.pasted-article");
      var copy = boxes[boxes.length - 1].cloneNode(true);
      copy.querySelectorAll("textarea, input").forEach(function (el) { el.value = ""; });
      copy.querySelector("legend").textContent = "Article " + (boxes.length + 1);
      list.appendChild(copy);
      copy.querySelector("textarea").focus();
      event.preventDefault();
    });
  }

  // A link to #finding-N selects that finding on load.
  var match = /^#finding-(\d+)$/.exec(location.hash);
  if (match) {
    var target = document.getElementById("finding-" + match[1]);
    if (target) { select(layoutOf(target), match[1]); }
  }
})();
