/// Tells the caller of a long job how far it is: `done` units of `total` (nil when the total is not
/// known yet, e.g. a GeoJSON file read as a stream). Called on the job's own thread, now and then
/// (not for every unit); the CLI draws a bar on a terminal and nothing otherwise.
public typealias ProgressHandler = (_ done: Int, _ total: Int?) -> Void
