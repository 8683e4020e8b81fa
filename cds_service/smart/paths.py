"""The app's URL paths (registered in an EHR: the launch URL and the redirect URI)."""

LAUNCH_PATH = "/smart/launch"
APP_PATH = "/smart/app"  # the OAuth redirect URI
API_PATH = "/smart/api/timeline"
