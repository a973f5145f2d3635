package stats

// TentativeAlpha is Krippendorff's lowest bar for tentative conclusions:
// an alpha below it says the raters of an item agree too little to lean on.
const TentativeAlpha = 0.667
