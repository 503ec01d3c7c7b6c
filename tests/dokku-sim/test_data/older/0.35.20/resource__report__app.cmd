# plugins/resource/resource.go: trimPrefix true, uppercaseFirstCharacter false
apps:create a1
resource:limit --memory 100m a1
resource:report a1
