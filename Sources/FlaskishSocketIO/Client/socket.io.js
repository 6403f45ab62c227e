// Flaskish's Socket.IO browser client. Filled in by the Socket.IO issue.
