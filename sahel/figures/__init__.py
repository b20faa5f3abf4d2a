"""The drawing layer: the house style, plotting primitives, maps, and each page's figures.

Each page's module draws frames computed by the story module of the same name (`sahel.withdrawals`
computes, `sahel.figures.withdrawals` draws), so checking the data never imports matplotlib.
"""
