"""The swimlane map: plan the grid (grid, slots, legend, text), write DOT (dot, canvas, labels,
legend_dot, escape, theme), place flow labels (edgelabels), run Graphviz (graphviz) and render
SVG, PNG, PDF or DOT (render). lifeline makes child processes (build workers, Graphviz runs)
die with their parent. marks holds the change marks of ``diff --map``.
"""
