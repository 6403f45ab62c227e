// The chat's script arrives with the ChatDemo issue.
