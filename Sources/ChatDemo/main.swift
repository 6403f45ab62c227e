import Flaskish

// For now a first Flaskish app; the chat (Socket.IO, CORS, templates) replaces it.
let app = Flask("ChatDemo")

app.route("/") { _ in "Hello from Flaskish! The chat is on its way." }

app.run()
