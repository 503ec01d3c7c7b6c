# plugins/builder-herokuish/internal-functions: global default empty on amd64, so the computed value
apps:create a1
builder-herokuish:report a1
