/** Where several stage changes become one customer intent (no spam). */
package io.milepost.stream.digest;
