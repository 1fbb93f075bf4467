// Marks the page as scripted, so a browser test can tell the static file was served and ran.
document.documentElement.dataset.scripted = "yes";
