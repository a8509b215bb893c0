"""``journeymap serve``: a live preview of the journeys under a folder (SPEC section 7).

``state`` holds each journey file's last result and last good map, addressed by journey id;
``watch`` re-checks and re-renders a journey when its file changes (watchfiles); ``events``
fans changes out to Server-Sent Events streams; ``pages`` renders the HTML pages; ``server``
answers the few routes there are and 404 for everything else.
"""
