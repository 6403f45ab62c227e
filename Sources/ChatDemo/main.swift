import Flaskish

print("ChatDemo: the chat arrives with the Socket.IO issue.")
